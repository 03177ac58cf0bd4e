/**
 * The typed configuration schema: defaults, file, environment and flags layered once ({@link
 * io.infinisst.stream.protocol.config.ConfigSources}), validated with messages naming key and value.
 */
package io.infinisst.stream.protocol.config;
