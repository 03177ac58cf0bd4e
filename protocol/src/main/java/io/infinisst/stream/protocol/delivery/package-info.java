/** Delivery to client connections shared by the ingress socket and the egress endpoints. */
package io.infinisst.stream.protocol.delivery;
