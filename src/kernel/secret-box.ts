import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from './errors.js';

/**
 * Secrets at rest (carrier and channel credentials): AES-256-GCM with a key from configuration
 * (LASTMILE_SECRET_KEY, any string; hashed to 32 bytes) or, for the embedded setup, a random key
 * kept in a 0600 file in the data directory. Sealed values are `v1.<iv>.<tag>.<ciphertext>` in
 * base64url.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromSecret(secret: string): SecretBox {
    return new SecretBox(createHash('sha256').update(secret).digest());
  }

  /** The configured key, or the key file (created on first use). */
  static async load(secret: string | undefined, keyFile: string): Promise<SecretBox> {
    if (secret) return SecretBox.fromSecret(secret);
    try {
      return SecretBox.fromSecret((await readFile(keyFile, 'utf8')).trim());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const fresh = randomBytes(32).toString('base64url');
    await mkdir(dirname(keyFile), { recursive: true });
    await writeFile(keyFile, `${fresh}\n`, { mode: 0o600, flag: 'wx' }).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    await chmod(keyFile, 0o600).catch(() => undefined);
    return SecretBox.fromSecret((await readFile(keyFile, 'utf8')).trim());
  }

  /** A secret derived for one purpose (e.g. a tenant's webhook signing secret): stable, never stored. */
  derive(label: string): string {
    return createHmac('sha256', this.key).update(label).digest('base64url');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [v, iv, tag, body] = sealed.split('.');
    if (v !== 'v1' || !iv || !tag || body === undefined) throw new AppError('CONFIGURATION', 'A stored secret is not in a format this version reads');
    try {
      const d = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      d.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([d.update(Buffer.from(body, 'base64url')), d.final()]).toString('utf8');
    } catch {
      throw new AppError('CONFIGURATION', 'A stored secret cannot be decrypted: LASTMILE_SECRET_KEY differs from the key it was sealed with');
    }
  }
}
