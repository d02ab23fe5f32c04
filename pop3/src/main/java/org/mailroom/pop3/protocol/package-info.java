/**
 * The protocol core, free of MINA (STYLE.md §3): the session and its dispatcher, replies and response
 * codes, the line framer, the message streamer that dot-stuffs RETR and TOP, and the channel interface
 * the network side implements.
 */
package org.mailroom.pop3.protocol;
