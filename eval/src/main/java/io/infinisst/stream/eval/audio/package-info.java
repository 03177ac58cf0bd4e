/** Reading and writing WAV files for clients, fixtures and evaluation. */
package io.infinisst.stream.eval.audio;
