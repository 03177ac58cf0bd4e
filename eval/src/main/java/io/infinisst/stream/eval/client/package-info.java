/** Clients of the session API and WebSocket: what a user's program does to stream speech and read translations. */
package io.infinisst.stream.eval.client;
