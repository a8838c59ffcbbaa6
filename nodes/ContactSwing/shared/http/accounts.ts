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
	/** An item's credential cannot change during the run: its pages and follow-up requests read it once. */
	private readonly byItem = new Map<number | undefined, Account>();

	/**
	 * @param inFlight the most requests the run has in flight at once (what a gate learns pacing from)
	 * @param cancelSignal the execution's, so a cancelled run stops waiting
	 * @param oneStartPerTurn see RunGate: false when the run releases its requests in windows
	 */
	constructor(
		private readonly inFlight = 1,
		readonly cancelSignal?: AbortSignal,
		private readonly oneStartPerTurn = true,
	) {}

	get cancelled(): boolean {
		return this.cancelSignal?.aborted === true;
	}

	/** The account the credential names for this item (read for the item: its fields may be expressions). */
	async forItem(ctx: Context, itemIndex?: number): Promise<Account> {
		const read = this.byItem.get(itemIndex);
		if (read) return read;
		const credentials = await ctx.getCredentials(CREDENTIAL_TYPE, itemIndex);
		// Items whose credential values are equal share one account; two spellings of one account get two
		// gates, which costs nothing but a less informed pace.
		const key = JSON.stringify([credentials.accessToken ?? null, credentials.baseUrl ?? null]);
		let account = this.byValues.get(key);
		if (!account) {
			// Not cached on failure, so every item reports a broken credential with its own item number.
			const connection = readConnection.call(ctx, credentials, itemIndex);
			account = {
				connection,
				gate: new RunGate(this.inFlight, this.cancelSignal, this.oneStartPerTurn),
			};
			this.byValues.set(key, account);
		}
		this.byItem.set(itemIndex, account);
		return account;
	}
}
