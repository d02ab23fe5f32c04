package org.mailroom.admin;

import org.mailroom.config.CoreConfig;
import org.mailroom.store.MailStore;

/** Opens the store the configuration names; {@link DerbyStoreOpener} in production. */
@FunctionalInterface
public interface StoreOpener {

    MailStore open(CoreConfig core);
}
