package org.mailroom.store.derby;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.AdminStoreContract;
import org.mailroom.store.DeliveryStoreContract;
import org.mailroom.store.DkimKeyStoreContract;
import org.mailroom.store.MailStore;
import org.mailroom.store.MailboxStoreContract;
import org.mailroom.store.MaildropStoreContract;
import org.mailroom.store.MessageExtensionsContract;
import org.mailroom.store.MetadataStoreContract;
import org.mailroom.store.QueueStoreContract;

/** The store contract suites, run against the Derby store, each test on a database of its own. */
class DerbyStoreContractTest {

    @TempDir
    Path dir;

    MailStore fresh() {
        return TestStores.open(dir);
    }

    @Nested
    class Admin extends AdminStoreContract {
        @Override
        protected MailStore newStore() {
            return fresh();
        }
    }

    @Nested
    class Delivery extends DeliveryStoreContract {
        @Override
        protected MailStore newStore() {
            return fresh();
        }
    }

    @Nested
    class Mailboxes extends MailboxStoreContract {
        @Override
        protected MailStore newStore() {
            return fresh();
        }
    }

    @Nested
    class MessageExtensions extends MessageExtensionsContract {
        @Override
        protected MailStore newStore() {
            return fresh();
        }
    }

    @Nested
    class Metadata extends MetadataStoreContract {
        @Override
        protected MailStore newStore() {
            return fresh();
        }
    }

    @Nested
    class Maildrops extends MaildropStoreContract {
        @Override
        protected MailStore newStore() {
            return fresh();
        }
    }

    @Nested
    class Queue extends QueueStoreContract {
        @Override
        protected MailStore newStore() {
            return fresh();
        }
    }

    @Nested
    class DkimKeys extends DkimKeyStoreContract {
        @Override
        protected MailStore newStore() {
            return fresh();
        }
    }
}
