'use strict';
/**
 * A paced run of the rate-limit gate, as n8n 2.x runs it (on Node 24, which warns about timers set with a
 * negative or overflowing delay). Any such warning fails the run: it prints the warning and exits 1.
 * Run by test/shared/http/runGate.node24.test.js with a Node 24 binary.
 */
const { RunGate } = require('../../dist/nodes/ContactSwing/shared/http/runGate');

// A loaded machine: the clock moves between any two readings (here a third of a millisecond per reading),
// so a wait worked out from two readings can come out negative.
const realNow = Date.now;
const start = realNow();
let readings = 0;
Date.now = () => start + readings++ / 3;

process.on('warning', (warning) => {
	console.error(`${warning.name}: ${warning.message}`);
	process.exit(1);
});

async function main() {
	const gate = new RunGate(2);
	// Teach the gate a fractional pace (a Retry-After of 20 ms over 5 accepted requests), then confirm it.
	for (let round = 0; round < 2; round++) {
		let sentAt = 0;
		for (let k = 0; k < 5; k++) {
			sentAt = await gate.pass();
			gate.accepted(sentAt);
		}
		gate.refused(20, Date.now(), true);
	}
	// Two workers through the paced gate, as Items per Batch 2 would run.
	let passed = 0;
	const worker = async () => {
		while (passed < 2000) {
			const sentAt = await gate.pass();
			passed++;
			gate.accepted(sentAt);
			if (passed % 997 === 0) gate.refused(20, sentAt, true);
		}
	};
	await Promise.all([worker(), worker()]);
	await gate.wait(0.3);
	console.log(`paced run: ${passed} requests passed, no timer warning`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
