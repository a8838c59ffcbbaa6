import type { OperationScope } from '../shared/http/transport';

/**
 * How long a picker waits for ContactSwing: the editor shows a spinner meanwhile, so a few seconds, not
 * the two minutes of retries a run may spend. A failing page ends the list (listSearch.ts, loadOptions.ts).
 */
export const PICKER_SCOPE: Readonly<OperationScope> = {
	policy: { timeoutMs: 10_000, maxRetryWaitMs: 1_000 },
};
