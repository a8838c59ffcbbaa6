import { CREDENTIAL_TYPE } from './types';
import type { Connection, Context } from './types';
import { readConnection } from './connection';
import { RunGate } from './runGate';

/** One ContactSwing account as an item's credential names it: where requests go, and its own rate-limit gate. */
export interface Account {
	connection: Connection;
	gate: RunGate;
}

/**
 * The accounts one execution talks to. n8n resolves credential fields per item, so a credential built
 * from expressions (Access Token `{{ $json.token }}`, Base URL `{{ $json.baseUrl }}`) can name another
 * account on every item: each item's credential is read for that item, and everything derived from it
 * (checked Base URL, origin, redaction forms, rate-limit gate) is kept by the credential's values, never
 * by the run. So a 429 from one account pauses only that account's requests.
 */
export class Accounts {
	private readonly byValues = new Map<string, Account>();

	/**
	 * @param inFlight the most requests the run has in flight at once (what a gate learns pacing from)
	 * @param cancelSignal the execution's, so a cancelled run stops waiting
	 */
	constructor(
		private readonly inFlight = 1,
		readonly cancelSignal?: AbortSignal,
	) {}

	get cancelled(): boolean {
		return this.cancelSignal?.aborted === true;
	}

	/** The account the credential names for this item (read for the item: its fields may be expressions). */
	async forItem(ctx: Context, itemIndex?: number): Promise<Account> {
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
		// The raw values, so two spellings of one account share nothing they should not (a separate gate is harmless).
		const key = JSON.stringify([credentials.accessToken ?? null, credentials.baseUrl ?? null]);
		const known = this.byValues.get(key);
		if (known) return known;
		// Not cached on failure, so every item reports a broken credential with its own item number.
		const connection = readConnection.call(ctx, credentials, itemIndex);
		const account = { connection, gate: new RunGate(this.inFlight, this.cancelSignal) };
		this.byValues.set(key, account);
		return account;
	}
}
