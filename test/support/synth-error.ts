import type { App } from 'cdk8s';

/** The message of the error `app.synth()` throws (cdk8s construct validation), or '' when it synthesizes. */
export function synthError(app: App): string {
  try {
    app.synth();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
