/** File helpers for the `feed` commands: read JSON, read keys, write files safely. */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { decodePublicKey, parsePrivateKeyFile, WeakKeyError, type PrivateKeyFile } from '../shared/feed/signature';
import { CliError } from './io';

/** Reads a file as bytes. @throws CliError (exit 1) when it cannot be read. */
export async function readBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Reads and parses a JSON file. @throws CliError (exit 1) when unreadable or not JSON. */
export async function readJson(path: string, what: string): Promise<unknown> {
  const text = new TextDecoder().decode(await readBytes(path, what));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${what} ${path} is not JSON: ${(error as Error).message}`);
  }
}

/** Reads a private key file written by `feed keygen`. */
export async function readPrivateKey(path: string): Promise<PrivateKeyFile> {
  try {
    return parsePrivateKeyFile(await readJson(path, 'key file'));
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${path}: ${(error as Error).message}`);
  }
}

/**
 * A public key given on the command line: the base64 text itself, or a path to a `.pub`
 * file holding it.
 */
export async function readPublicKey(arg: string): Promise<string> {
  try {
    decodePublicKey(arg);
    return arg.trim();
  } catch (error) {
    // A small-order or non-canonical key is never trusted (same rule as the extension).
    if (error instanceof WeakKeyError) throw new CliError(`--pubkey: ${error.message}`);
    const text = new TextDecoder().decode(await readBytes(arg, 'public key file')).trim();
    try {
      decodePublicKey(text);
    } catch (error) {
      throw new CliError(`${arg}: ${(error as Error).message}`);
    }
    return text;
  }
}

/**
 * Writes a file with exactly `mode`, never through a symbolic link.
 *
 * - Without `force`, the file must not exist: it is created with `O_CREAT | O_EXCL`, which
 *   fails on any existing path, a symbolic link included (it is never followed).
 * - With `force`, an existing regular file is replaced atomically: the text goes to a new
 *   file beside it (created as above), which is then renamed over the old one. So the mode
 *   is `mode` whatever the old file's was (a key replaced with `--force` is 0600 even if the
 *   old file was 0644), and a reader never sees half a file. A symbolic link at `path` is
 *   refused rather than replaced or followed (replacing a link someone made on purpose, or
 *   writing a key where it points, are both surprises).
 *
 * The mode is set with `fchmod` after creation, so the umask cannot widen or narrow it.
 *
 * @param file - the file to write.
 * @param text - its content (UTF-8).
 * @param force - replace an existing file.
 * @param mode - permission bits, e.g. 0o600 for a secret key.
 * @throws CliError (exit 1) when the file exists and `force` is false, when `path` is a
 *   symbolic link, or when it cannot be written (the error code, e.g. ENOENT, EISDIR).
 */
export async function writeNew(file: string, text: string, force: boolean, mode = 0o644): Promise<void> {
  try {
    if (!force) return await writeExclusive(file, text, mode);
    const existing = await lstat(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (existing?.isSymbolicLink()) throw new CliError(`${file} is a symbolic link; not written (give the path it points to)`);
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
    await writeExclusive(temp, text, mode);
    try {
      await rename(temp, file);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(`${file} exists; pass --force to replace it`);
    throw new CliError(`cannot write ${file}: ${code ?? String(error)}`);
  }
}

/** Creates `file` (which must not exist; links are not followed), sets `mode`, writes `text`. */
async function writeExclusive(file: string, text: string, mode: number): Promise<void> {
  const handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, mode);
  try {
    await handle.chmod(mode);
    await handle.writeFile(text, 'utf8');
  } catch (error) {
    await handle.close();
    await unlink(file).catch(() => undefined);
    throw error;
  }
  await handle.close();
}

/**
 * Fails when any of `files` exists (a symbolic link included), so a command that writes
 * several files writes none of them rather than some.
 *
 * @throws CliError (exit 1) naming the first that exists.
 */
export async function refuseExisting(files: string[]): Promise<void> {
  for (const file of files) {
    const exists = await lstat(file).then(
      () => true,
      () => false,
    );
    if (exists) throw new CliError(`${file} exists; pass --force to replace it`);
  }
}

/**
 * Creates the folder that will hold `file`, and any missing parents, as 0700 (a folder made
 * for keys is nobody else's to list). Existing folders are left as they are.
 *
 * @throws CliError (exit 1) when a folder cannot be made (a file in the way, no permission).
 */
export async function makeParentFolders(file: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new CliError(`cannot create the folder for ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
