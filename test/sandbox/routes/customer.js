'use strict';
/** Customers: GET /v2/_customers, PUT /v2/_customers/{id}. */
const { HttpFailure, unprocessable, envelope, checkSchema } = require('../answers');

function seedCustomers(count) {
	return Array.from({ length: count }, (_, i) => ({
		id: `c0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
		name: `Customer ${i + 1}`,
		phone: `+1555000${String(i + 1).padStart(4, '0')}`,
		email: `customer${i + 1}@example.com`,
	}));
}

/** This resource's routes: [method, path pattern, handler(request)], over the sandbox's `state`. */
function routes(state, { listAnswer }) {
	function updateCustomer(req) {
		const customer = state.customers.find((c) => c.id === req.match[1]);
		if (!customer) throw new HttpFailure(404, { detail: 'Customer not found' });
		const problems = checkSchema(req.body, {
			name: ['string', false],
			phone: ['string', false],
			email: ['string', false],
			tags: ['string[]', false],
		});
		if (problems.length) throw unprocessable(problems);
		Object.assign(customer, req.body);
		return envelope({ id: customer.id, name: customer.name }, 'Customer updated');
	}

	return [
		['GET', /^\/v2\/_customers$/, (req) => listAnswer('customers', req.query)],
		['PUT', /^\/v2\/_customers\/([^/]+)$/, updateCustomer],
	];
}

module.exports = { routes, seedCustomers };
