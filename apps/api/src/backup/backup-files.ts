import { createCipheriv, createDecipheriv, createHash, randomBytes, scryptSync } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/** AES-256-GCM: a 12-byte IV before the ciphertext, the 16-byte tag after it. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Files and folders of a backup: the owner only (the database and .env hold every secret). */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** The key of one backup: BACKUP_ENCRYPTION_KEY stretched with scrypt and that backup's random salt. */
export function backupKey(secret: string, salt: Buffer): Buffer {
  return scryptSync(secret, salt, 32);
}

export const newSalt = (): Buffer => randomBytes(16);

/** `source` gzipped (and encrypted when a key is given) into `target`; the stored file's size and SHA-256. */
export async function packFile(source: string, target: string, key: Buffer | null): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const out = createWriteStream(target, { mode: FILE_MODE });
  if (!key) {
    await pipeline(createReadStream(source), createGzip(), measure, out);
  } else {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The IV first, then the ciphertext, then (below) the tag: one self-contained file.
    measure.write(iv);
    await pipeline(createReadStream(source), createGzip(), cipher, measure, out, { end: false });
    await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), (error?: Error | null) => (error ? reject(error) : resolve())));
    hash.update(cipher.getAuthTag());
    size += TAG_BYTES;
  }
  return { size, sha256: hash.digest('hex') };
}

/** The SHA-256 and size of a stored file, as packFile reported them. */
export async function fileDigest(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return { size: (await stat(path)).size, sha256: hash.digest('hex') };
}

/**
 * A stored file back to its original (decrypted with `key` when given, then gunzipped) into
 * `target`, or only checked when `target` is null. Rejects on a wrong key or a damaged file
 * (the GCM tag or gzip's own check fails).
 */
export async function unpackFile(path: string, target: string | null, key: Buffer | null): Promise<void> {
  const sink = target ? createWriteStream(target, { mode: FILE_MODE }) : new Writable({ write: (_chunk, _encoding, done) => done() });
  if (!key) {
    await pipeline(createReadStream(path), createGunzip(), sink);
    return;
  }
  const { size } = await stat(path);
  if (size < IV_BYTES + TAG_BYTES) throw new Error('the file is too short to be encrypted');
  const handle = await open(path, 'r');
  const iv = Buffer.alloc(IV_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await handle.read(iv, 0, IV_BYTES, 0);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  await pipeline(createReadStream(path, { start: IV_BYTES, end: size - TAG_BYTES - 1 }), decipher, createGunzip(), sink);
}
