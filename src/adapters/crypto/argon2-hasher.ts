import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../users/ports.js';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes, 1 lane): about 30 ms here. The
 * PHC string carries its parameters, so stronger settings later still verify old hashes.
 */
export class Argon2Hasher implements PasswordHasher {
  constructor(private readonly opts = { memoryCost: 19_456, timeCost: 2, parallelism: 1 }) {}

  hash(password: string): Promise<string> {
    return hash(password, this.opts);
  }

  async verify(phc: string, password: string): Promise<boolean> {
    try {
      return await verify(phc, password);
    } catch {
      return false;
    }
  }
}
