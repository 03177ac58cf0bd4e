/** Clients, load generation and evaluation of the running system. */
package io.infinisst.stream.eval;
