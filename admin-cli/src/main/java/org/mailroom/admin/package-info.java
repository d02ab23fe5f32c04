/**
 * {@code mailroom-admin}, the administration command (picocli): {@link org.mailroom.admin.MailroomAdmin}
 * is its main class and the shared session (configuration, store), {@link org.mailroom.admin.AdminCommands}
 * builds the command tree and holds the two error boundaries (usage error: exit 2; failed command:
 * exit 1; each one line on stderr), {@link org.mailroom.admin.DerbyStoreOpener} reaches the database
 * through the running server's Derby network server or embedded.
 *
 * <p>The launcher passes the installation directory as the system property {@code mailroom.home};
 * the configuration defaults to {@code conf/mailroom.properties} under it.
 */
package org.mailroom.admin;
