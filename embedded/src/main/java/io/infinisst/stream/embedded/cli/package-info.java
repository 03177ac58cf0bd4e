/** The {@code sst} command line: start the local stack, stream a recording, inspect configuration. */
package io.infinisst.stream.embedded.cli;
