/** Test helpers that other modules' tests share through this module's test jar. */
package io.infinisst.stream.protocol.testing;
