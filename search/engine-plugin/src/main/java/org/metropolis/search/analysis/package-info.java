/**
 * Analysis components of Elastic's {@code analysis-common} module, re-registered through the
 * stable plugin API for the stripped Elasticsearch test archive (see docs/search.md).
 *
 * <p>Each factory wraps the same Lucene class that Elastic's module wraps, with the same
 * setting names and defaults. Every setting has a default because Elasticsearch also builds a
 * component with empty settings when an analyzer names it directly (e.g. {@code "filter":
 * ["asciifolding"]}).
 */
package org.metropolis.search.analysis;
