import type { Address } from './address.schema.js';
import { checkOrderAddress, type AddressCheck } from './address-check.js';
import type { UsZipDirectory } from './ports.js';
import { validateAddress, type AddressValidation, type AddressValidationInput } from './validate.js';

/**
 * Address validation as a service: loads the ZIP reference data once (about a second), then
 * validates synchronously.
 */
export class AddressesService {
  constructor(private readonly loadDirectory: () => Promise<UsZipDirectory>) {}

  async validate(input: AddressValidationInput): Promise<AddressValidation> {
    return validateAddress(input, await this.loadDirectory());
  }

  async validateMany(inputs: readonly AddressValidationInput[]): Promise<AddressValidation[]> {
    const dir = await this.loadDirectory();
    return inputs.map((i) => validateAddress(i, dir));
  }

  /** A checker for order addresses, with the reference data loaded. */
  async orderChecker(): Promise<(address: Address, now: Date) => AddressCheck> {
    const dir = await this.loadDirectory();
    return (address, now) => checkOrderAddress(address, dir, now);
  }
}
