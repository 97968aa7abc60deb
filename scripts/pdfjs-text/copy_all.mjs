// A PDF's text as Firefox's PDF viewer (pdf.js) copies it after "select all", written to stdout:
// each page's text items in pdf.js's order, a line end after every item that ends a line, pages
// joined by a line end (the viewer's PDFViewer.getAllText). An analyst who copies a report from
// the browser holds this text; the tests read it as they read the other extractors' text.
//
// usage: node copy_all.mjs REPORT.pdf
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
const distribution = path.dirname(require.resolve("pdfjs-dist/package.json"));

const document = await getDocument({
  data: new Uint8Array(readFileSync(process.argv[2])),
  cMapUrl: `${distribution}/cmaps/`, // CJK fonts name their glyphs through CMaps
  cMapPacked: true,
  standardFontDataUrl: `${distribution}/standard_fonts/`,
  verbosity: 0,
}).promise;

const pages = [];
for (let number = 1; number <= document.numPages; number++) {
  const { items } = await (await document.getPage(number)).getTextContent();
  const words = [];
  for (const item of items) {
    if (item.str) words.push(item.str);
    if (item.hasEOL) words.push("\n");
  }
  pages.push(words.join("").replaceAll("\0", ""));
}
process.stdout.write(pages.join("\n"));
await document.destroy();
