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
        assertThat(html).contains("<span class=\"gh-sql-comment\" title=\"comment: PostgreSQL ignores this\">-- &lt;/pre&gt;&lt;img src=x&gt;</span>");
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

    // ---- issue 15, attack 3: what approvers see is what runs ----

    @Test
    void keepsTheNewlineThatEndsACommentSoTheCodeAfterItIsShownAsCode() {
        String html = SqlHighlight.html("UPDATE appr SET n = n + 1 WHERE id = 1 -- INC-1\nOR id > 0");
        assertThat(html).contains("<span class=\"gh-sql-comment\" title=\"comment: PostgreSQL ignores this\">-- INC-1</span>\n"
                + "<span class=\"gh-sql-kw\">OR</span> id &gt; 0");
    }

    @Test
    void readsCommentsAndLiteralsAsPostgresDoes() {
        // Block comments nest; the first */ does not end them.
        assertThat(SqlHighlight.html("select 1 /* a /* b */ still comment */ + 2"))
                .contains("<span class=\"gh-sql-comment\" title=\"comment: PostgreSQL ignores this\">/* a /* b */ still comment */</span> + 2");
        // A plain string has no backslash escapes (standard_conforming_strings is pinned on): the comment after it is a comment.
        assertThat(SqlHighlight.html("select '\\' -- x")).contains("<span class=\"gh-sql-str\">&#39;\\&#39;</span> <span class=\"gh-sql-comment\"");
        // An E'' string has them: \' does not end it, and the -- inside is text.
        assertThat(SqlHighlight.html("select E'\\' -- x' , 1")).contains("<span class=\"gh-sql-str\">E&#39;\\&#39; -- x&#39;</span> , 1");
        // Dollar quoting, with and without a tag; $1 is a parameter.
        assertThat(SqlHighlight.html("select $f$ -- not a comment $f$, $$/*x*/$$, $1 -- yes"))
                .contains("<span class=\"gh-sql-str\">$f$ -- not a comment $f$</span>")
                .contains("<span class=\"gh-sql-str\">$$/*x*/$$</span>").contains("$1 <span class=\"gh-sql-comment\"");
        assertThat(SqlHighlight.html("select \"a--b\" from t")).contains("<span class=\"gh-sql-ident\">&quot;a--b&quot;</span>");
    }

    @Test
    void showsInvisibleAndBidirectionalCharactersAsEscapes() {
        String html = SqlHighlight.html("delete from t where owner = 'bob\u202E' -- \u2066ok\u2069\u200B\r\nand 1=1\u00A0");
        assertThat(html).contains("\\u202E").contains("\\u2066").contains("\\u2069").contains("\\u200B").contains("\\u000D")
                .contains("\\u00A0").contains("class=\"gh-sql-escape\"")
                .doesNotContain("\u202E").doesNotContain("\u2066").doesNotContain("\u200B").doesNotContain("\r");
        assertThat(SqlHighlight.html("select 'tab\there'")).contains("\t");
    }

    @Test
    void withoutCommentsBlanksExactlyTheCommentsKeepingEveryByteOffset() {
        String sql = "select 1 -- é\n/* x */ + '--' ";
        String blanked = SqlHighlight.withoutComments(sql);
        // "-- é" is five bytes in UTF-8, "/* x */" seven.
        assertThat(blanked).isEqualTo("select 1 " + " ".repeat(5) + "\n" + " ".repeat(7) + " + '--' ");
        assertThat(blanked.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
}
