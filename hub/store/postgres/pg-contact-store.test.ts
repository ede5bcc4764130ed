import { describeContactStoreContract } from '../../test/support/contact-store-contract.js';
import { postgresStoreFixture } from '../../test/support/store-fixtures.js';

describeContactStoreContract('PostgreSQL (a fresh database, two nodes)', () => postgresStoreFixture('contact_store'));
