export type Severity = 'error' | 'warning' | 'info';

/**
 * One finding about an address. `code` is stable (clients switch on it); `message` is for people.
 * A `suggestion` is offered when the fix is likely but not certain enough to apply.
 */
export interface AddressIssue {
  code: string;
  field: string;
  message: string;
  severity: Severity;
  suggestion?: string;
}

export type Verdict = 'valid' | 'corrected' | 'suspect' | 'invalid';
export const VERDICTS = ['valid', 'corrected', 'suspect', 'invalid'] as const;

/**
 * Collects issues and corrections while an address is checked. A correction is an `info` or
 * `warning` issue whose fix was applied to the standardized address.
 */
export class Findings {
  readonly issues: AddressIssue[] = [];
  corrected = false;

  error(code: string, field: string, message: string, suggestion?: string) {
    this.issues.push({ code, field, message, severity: 'error', ...(suggestion ? { suggestion } : {}) });
  }
  warn(code: string, field: string, message: string, suggestion?: string) {
    this.issues.push({ code, field, message, severity: 'warning', ...(suggestion ? { suggestion } : {}) });
  }
  info(code: string, field: string, message: string) {
    this.issues.push({ code, field, message, severity: 'info' });
  }
  /** A fix that was applied. */
  correct(code: string, field: string, message: string) {
    this.corrected = true;
    this.issues.push({ code, field, message, severity: 'info' });
  }

  verdict(): Verdict {
    if (this.issues.some((i) => i.severity === 'error')) return 'invalid';
    if (this.issues.some((i) => i.severity === 'warning')) return 'suspect';
    return this.corrected ? 'corrected' : 'valid';
  }
}
