import { describeStatusPageStoreContract } from '../../test/support/status-page-store-contract.js';
import { postgresStoreFixture } from '../../test/support/store-fixtures.js';

describeStatusPageStoreContract('PostgreSQL (a fresh database, two nodes)', () =>
  postgresStoreFixture('status_page_store'),
);
