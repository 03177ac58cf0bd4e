/**
 * The synthetic bilingual speech corpus: seeded English sentences with Chinese and Italian translations
 * from typed lexicons and templates, train/dev/held-out splits, and their speech rendered by Debian's
 * synthesizers ({@link io.infinisst.stream.model.corpus.CorpusCli} is the entry point).
 */
package io.infinisst.stream.model.corpus;
