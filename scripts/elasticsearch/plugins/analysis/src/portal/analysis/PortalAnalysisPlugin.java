package portal.analysis;

import java.io.IOException;
import java.io.StringReader;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.SetKeywordMarkerFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * The token filters and tokenizers of Elasticsearch's analysis-common module that
 * the portal's index settings use (search/backends.py and modelsearch's defaults),
 * under their standard names and with the same Lucene classes and defaults, because
 * the Maven build of the server ships without that module. Only the options the
 * portal sets are read; any other option is refused rather than ignored.
 */
public class PortalAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "lowercase", LowercaseFactory::new,
            "asciifolding", AsciiFoldingFactory::new,
            "ngram", NGramFilterFactory::new,
            "edge_ngram", EdgeNGramFilterFactory::new,
            "stemmer", AnalysisPlugin.requiresAnalysisSettings(StemmerFactory::new),
            "keyword_marker", AnalysisPlugin.requiresAnalysisSettings(KeywordMarkerFactory::new),
            "synonym_graph", AnalysisPlugin.requiresAnalysisSettings(SynonymGraphFactory::new)
        );
    }

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("ngram", NGramTokenizerFactory::new, "edge_ngram", EdgeNGramTokenizerFactory::new);
    }

    static void refuseOptions(String name, Settings settings, String... options) {
        for (String option : options) {
            if (settings.hasValue(option) || settings.getAsList(option).isEmpty() == false) {
                throw new IllegalArgumentException("[" + name + "]: option [" + option + "] is not supported by the portal's analysis plugin");
            }
        }
    }

    static void checkNgramDiff(IndexSettings indexSettings, String name, int minGram, int maxGram) {
        int allowed = indexSettings.getMaxNgramDiff();
        if (maxGram - minGram > allowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in NGram Tokenizer must be less than or equal to: ["
                    + allowed + "] but was [" + (maxGram - minGram) + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting."
            );
        }
    }

    static final class LowercaseFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        LowercaseFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            refuseOptions(name, settings, "language");
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new LowerCaseFilter(tokenStream);
        }
    }

    static final class AsciiFoldingFactory extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final boolean preserveOriginal;

        AsciiFoldingFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new ASCIIFoldingFilter(tokenStream, preserveOriginal);
        }

        @Override
        public TokenStream normalize(TokenStream tokenStream) {
            // As Elasticsearch: a normalised term is a single term, so never the original too.
            return new ASCIIFoldingFilter(tokenStream, false);
        }
    }

    static final class NGramFilterFactory extends AbstractTokenFilterFactory {
        private final int minGram;
        private final int maxGram;
        private final boolean preserveOriginal;

        NGramFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            minGram = settings.getAsInt("min_gram", 1);
            maxGram = settings.getAsInt("max_gram", 2);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
            checkNgramDiff(indexSettings, name, minGram, maxGram);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new NGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
        }
    }

    static final class EdgeNGramFilterFactory extends AbstractTokenFilterFactory {
        private final int minGram;
        private final int maxGram;
        private final boolean preserveOriginal;

        EdgeNGramFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            minGram = settings.getAsInt("min_gram", 1);
            maxGram = settings.getAsInt("max_gram", 2);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
            String side = settings.get("side", "front");
            if ("front".equals(side) == false) {
                throw new IllegalArgumentException("[" + name + "]: only side [front] is supported");
            }
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new EdgeNGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
        }
    }

    static final class StemmerFactory extends AbstractTokenFilterFactory {
        private final String language;

        StemmerFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            language = settings.get("language", settings.get("name", ""));
            if (List.of("dutch", "english", "possessive_english").contains(language) == false) {
                throw new IllegalArgumentException("[" + name + "]: stemmer language [" + language + "] is not supported by the portal's analysis plugin");
            }
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return switch (language) {
                case "dutch" -> new SnowballFilter(tokenStream, new DutchStemmer());
                case "english" -> new PorterStemFilter(tokenStream);
                default -> new EnglishPossessiveFilter(tokenStream);
            };
        }
    }

    static final class KeywordMarkerFactory extends AbstractTokenFilterFactory {
        private final CharArraySet keywords;

        KeywordMarkerFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            refuseOptions(name, settings, "keywords_path", "keywords_pattern");
            List<String> words = settings.getAsList("keywords");
            if (words.isEmpty()) {
                throw new IllegalArgumentException("keyword filter requires [keywords] to be configured");
            }
            keywords = new CharArraySet(words, settings.getAsBoolean("ignore_case", false));
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new SetKeywordMarkerFilter(tokenStream, keywords);
        }
    }

    /**
     * As Elasticsearch's synonym_graph: the rules (Solr format, expand=true) are parsed
     * with the tokenizer and the filters that come before this one in each analyzer,
     * so "Cliënt" in a rule meets the same lowercasing and folding as the query.
     */
    static final class SynonymGraphFactory extends AbstractTokenFilterFactory {
        private final String rules;
        private final boolean lenient;
        private final boolean expand;

        SynonymGraphFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(name, settings);
            refuseOptions(name, settings, "synonyms_path", "synonyms_set", "format", "updateable");
            rules = String.join("\n", settings.getAsList("synonyms"));
            lenient = settings.getAsBoolean("lenient", false);
            expand = settings.getAsBoolean("expand", true);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            throw new IllegalStateException("[" + name() + "] is specialised per analyzer before use");
        }

        @Override
        public TokenFilterFactory getChainAwareTokenFilterFactory(
            IndexCreationContext context,
            TokenizerFactory tokenizer,
            List<CharFilterFactory> charFilters,
            List<TokenFilterFactory> previousTokenFilters,
            Function<String, TokenFilterFactory> allFilters
        ) {
            Analyzer analyzer = new CustomAnalyzer(
                tokenizer,
                charFilters.toArray(new CharFilterFactory[0]),
                previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new)
            );
            SynonymMap synonyms;
            try {
                LenientParser parser = new LenientParser(expand, lenient, analyzer);
                parser.parse(new StringReader(rules));
                synonyms = parser.build();
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException("failed to build synonyms for [" + name() + "]", e);
            }
            String name = name();
            return new TokenFilterFactory() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public TokenStream create(TokenStream tokenStream) {
                    return synonyms.fst == null ? tokenStream : new SynonymGraphFilter(tokenStream, synonyms, false);
                }
            };
        }
    }

    /** Elasticsearch's ESSolrSynonymParser: with lenient, a rule that fails to analyse is skipped. */
    static final class LenientParser extends SolrSynonymParser {
        private final boolean lenient;

        LenientParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient == false || (input.length > 0 && output.length > 0)) {
                super.add(input, output, includeOrig);
            }
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (lenient) {
                    return new CharsRef("");
                }
                throw e;
            }
        }
    }

    static final class NGramTokenizerFactory extends AbstractTokenizerFactory {
        private final int minGram;
        private final int maxGram;

        NGramTokenizerFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(indexSettings, settings, name);
            refuseOptions(name, settings, "token_chars", "custom_token_chars");
            minGram = settings.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
            maxGram = settings.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
            checkNgramDiff(indexSettings, name, minGram, maxGram);
        }

        @Override
        public Tokenizer create() {
            return new NGramTokenizer(minGram, maxGram);
        }
    }

    static final class EdgeNGramTokenizerFactory extends AbstractTokenizerFactory {
        private final int minGram;
        private final int maxGram;

        EdgeNGramTokenizerFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            super(indexSettings, settings, name);
            refuseOptions(name, settings, "token_chars", "custom_token_chars");
            minGram = settings.getAsInt("min_gram", NGramTokenizer.DEFAULT_MIN_NGRAM_SIZE);
            maxGram = settings.getAsInt("max_gram", NGramTokenizer.DEFAULT_MAX_NGRAM_SIZE);
        }

        @Override
        public Tokenizer create() {
            return new EdgeNGramTokenizer(minGram, maxGram);
        }
    }
}
