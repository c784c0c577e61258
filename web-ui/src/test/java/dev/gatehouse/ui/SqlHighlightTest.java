package dev.gatehouse.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlHighlightTest {

    @Test
    void marksKeywordsCaseInsensitivelyAndLeavesIdentifiersAlone() {
        assertThat(SqlHighlight.html("update accounts set balance = 0 where id = 7"))
                .isEqualTo("<span class=\"gh-sql-kw\">update</span> accounts <span class=\"gh-sql-kw\">set</span> balance = 0 "
                        + "<span class=\"gh-sql-kw\">where</span> id = 7");
        assertThat(SqlHighlight.html("SELECT selected FROM t")).contains(">SELECT</span> selected <span");
    }

    @Test
    void escapesEverythingSoAStatementCannotInjectMarkup() {
        String html = SqlHighlight.html("select '<script>alert(1)</script>' as \"<b>\" -- </pre><img src=x>");

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>").doesNotContain("<img").doesNotContain("</pre>");
        assertThat(html).contains("<span class=\"gh-sql-str\">&#39;&lt;script&gt;alert(1)&lt;/script&gt;&#39;</span>");
        assertThat(html).contains("&quot;&lt;b&gt;&quot;");
        assertThat(html).contains("<span class=\"gh-sql-comment\">-- &lt;/pre&gt;&lt;img src=x&gt;</span>");
    }

    @Test
    void keywordsInsideStringLiteralsAndQuotedIdentifiersStayPlain() {
        assertThat(SqlHighlight.html("select 'it''s from here'")).contains("<span class=\"gh-sql-str\">&#39;it&#39;&#39;s from here&#39;</span>");
        assertThat(SqlHighlight.html("select \"order\" from t")).contains("&quot;order&quot;");
        assertThat(SqlHighlight.html("select 'unterminated where")).endsWith("where</span>");
    }

    @Test
    void nothingToShowIsEmpty() {
        assertThat(SqlHighlight.html(null)).isEmpty();
    }
}
