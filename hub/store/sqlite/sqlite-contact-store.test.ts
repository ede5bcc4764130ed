import { describeContactStoreContract } from '../../test/support/contact-store-contract.js';
import { sqliteStoreFixture } from '../../test/support/store-fixtures.js';

describeContactStoreContract('SQLite (a real file, WAL)', () => sqliteStoreFixture('warroom-contact-store-'));
