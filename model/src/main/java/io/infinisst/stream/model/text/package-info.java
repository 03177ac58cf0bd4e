/** Target-language vocabularies: the model's output tokens and their JSON file. */
package io.infinisst.stream.model.text;
