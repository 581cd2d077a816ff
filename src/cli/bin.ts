/**
 * The `scam-alert` executable: bundled by `vite.cli.config.ts` into `dist/cli/scam-alert.js`
 * (package.json `bin`), so a run loads one JavaScript file and no TypeScript compiler.
 */
import { createProcessIo } from './io';
import { main } from './main';

const io = createProcessIo();
const status = await main(process.argv.slice(2), io);
process.exitCode = io.failed() ? Math.max(status, 1) : status;
