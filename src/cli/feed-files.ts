/** File helpers for the `feed` commands: read JSON, read keys, write files safely. */
import { readFile, writeFile } from 'node:fs/promises';
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

/** Writes a file; refuses to replace an existing one unless `force`. */
export async function writeNew(path: string, text: string, force: boolean, mode = 0o644): Promise<void> {
  try {
    await writeFile(path, text, { flag: force ? 'w' : 'wx', mode });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(`${path} exists; pass --force to replace it`);
    throw new CliError(`cannot write ${path}: ${code ?? String(error)}`);
  }
}
