/** The typed configuration schema: parsed once from JSON, validated with messages naming key and value. */
package io.infinisst.stream.protocol.config;
