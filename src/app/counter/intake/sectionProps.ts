/** What every section of the intake screen gets: the form, a way to change it, and the marks to show. */
import type { FormCheck, IntakeForm } from '../intakeForm';

export type IntakeSectionProps = {
  readonly form: IntakeForm;
  readonly set: (patch: Partial<IntakeForm>) => void;
  /** Empty until the officer first tries to save. */
  readonly errors: FormCheck['errors'];
  readonly warnings: FormCheck['warnings'];
};
