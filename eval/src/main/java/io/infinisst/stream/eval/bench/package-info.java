/** Load runs against a running system that print measured figures with the command that produced them. */
package io.infinisst.stream.eval.bench;
