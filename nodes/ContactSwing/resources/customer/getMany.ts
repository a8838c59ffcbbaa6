import { listOperation } from '../../shared/pagination';

/** Get Many Customers: GET /v2/_customers, paged with page/per_page (page customers-get). */
export const { description, execute } = listOperation('customer', '/v2/_customers');
