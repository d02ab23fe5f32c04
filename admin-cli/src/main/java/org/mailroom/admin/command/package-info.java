/**
 * One class per command (STYLE.md §4), each parsing its words with picocli and then doing one store
 * operation per step; a store error becomes the one line the administrator reads, in the command's
 * own words ("domain example.org does not exist").
 */
package org.mailroom.admin.command;
