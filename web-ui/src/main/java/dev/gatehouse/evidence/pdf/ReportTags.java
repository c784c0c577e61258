package dev.gatehouse.evidence.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.COSObjectable;
import org.apache.pdfbox.pdmodel.common.PDNumberTreeNode;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDMarkInfo;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureElement;
import org.apache.pdfbox.pdmodel.documentinterchange.logicalstructure.PDStructureTreeRoot;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDPropertyList;

/**
 * The report's logical structure, so that a screen reader reads it in order: one Document element
 * holding H1/H2 headings, P paragraphs (a figures row is one P) and Figure elements with alternate
 * text for the charts; page footers and rules are marked as artifacts. Each tagged piece of content
 * is a marked-content sequence whose MCID the parent tree maps back to its element.
 */
final class ReportTags {

    private final PDStructureElement root;
    private final Map<PDPage, List<PDStructureElement>> byPage = new LinkedHashMap<>();
    private final Map<PDPage, Integer> keys = new HashMap<>();
    private final PDStructureTreeRoot tree;

    ReportTags(PDDocument document) {
        tree = new PDStructureTreeRoot();
        document.getDocumentCatalog().setStructureTreeRoot(tree);
        PDMarkInfo markInfo = new PDMarkInfo();
        markInfo.setMarked(true);
        document.getDocumentCatalog().setMarkInfo(markInfo);
        document.getDocumentCatalog().setLanguage("en-US");
        root = new PDStructureElement("Document", tree);
        tree.appendKid(root);
    }

    /** Opens a marked-content sequence for a new element of the type (H1, H2, P, Figure); close it with {@link #end}. */
    PDStructureElement begin(PDPageContentStream content, PDPage page, String type, String alternateText) throws IOException {
        PDStructureElement element = new PDStructureElement(type, root);
        element.setPage(page);
        if (alternateText != null) {
            element.setAlternateDescription(alternateText);
        }
        root.appendKid(element);
        mark(content, page, element);
        return element;
    }

    /** Adds one more marked-content sequence to an element already begun on this page (a figures row's value). */
    void more(PDPageContentStream content, PDPage page, PDStructureElement element) throws IOException {
        mark(content, page, element);
    }

    void end(PDPageContentStream content) throws IOException {
        content.endMarkedContent();
    }

    /** Content that carries no meaning of its own (footers, rules): readers skip it. */
    static void beginArtifact(PDPageContentStream content) throws IOException {
        content.beginMarkedContent(COSName.ARTIFACT);
    }

    private void mark(PDPageContentStream content, PDPage page, PDStructureElement element) throws IOException {
        List<PDStructureElement> onPage = byPage.computeIfAbsent(page, p -> new ArrayList<>());
        int mcid = onPage.size();
        onPage.add(element);
        COSDictionary properties = new COSDictionary();
        properties.setInt(COSName.MCID, mcid);
        content.beginMarkedContent(COSName.getPDFName(element.getStructureType()), PDPropertyList.create(properties));
        element.appendKid(new PDMarkedContent(COSName.getPDFName(element.getStructureType()), properties));
    }

    /** Writes the parent tree: for each page, its MCIDs in order to their elements. */
    void finish() {
        Map<Integer, COSObjectable> entries = new HashMap<>();
        int key = 0;
        for (Map.Entry<PDPage, List<PDStructureElement>> page : byPage.entrySet()) {
            page.getKey().setStructParents(key);
            keys.put(page.getKey(), key);
            COSArray elements = new COSArray();
            page.getValue().forEach(e -> elements.add(e.getCOSObject()));
            entries.put(key, elements);
            key++;
        }
        PDNumberTreeNode parentTree = new PDNumberTreeNode(COSObjectable.class);
        parentTree.setNumbers(entries);
        tree.setParentTree(parentTree);
        tree.setParentTreeNextKey(key);
    }
}
