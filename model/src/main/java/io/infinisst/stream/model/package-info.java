/** The streaming translation model contract ({@link io.infinisst.stream.model.StreamingTranslator}) and its DJL implementations. */
package io.infinisst.stream.model;
