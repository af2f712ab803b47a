// Renders CSL-JSON (read from standard input) with citeproc-js, the CSL processor inside
// Zotero and Mendeley, in the APA style and en-US locale that @citation-js/plugin-csl
// ships. Prints JSON: {"bibliography": [entry, ...], "citations": {id: in-text, ...}}.
'use strict';
const fs = require('fs');
const CSL = require('citeproc');
const styles = require('@citation-js/plugin-csl/lib/styles.json');
const locales = require('@citation-js/plugin-csl/lib/locales.json');

const items = JSON.parse(fs.readFileSync(0, 'utf8'));
const byId = new Map(items.map((item) => [item.id, item]));
const engine = new CSL.Engine(
  {
    retrieveLocale: (lang) => locales[lang] || locales['en-US'],
    retrieveItem: (id) => byId.get(id),
  },
  styles.apa,
  'en-US',
);
engine.setOutputFormat('text');
engine.updateItems(items.map((item) => item.id));
// One citation per item, in order; a later citation may change an earlier one (2019a).
const citations = {};
const cited = new Map();
const before = [];
items.forEach((item, index) => {
  const citation = { citationItems: [{ id: item.id }], properties: { noteIndex: 0 } };
  const [, rendered] = engine.processCitationCluster(citation, before, []);
  cited.set(citation.citationID, item.id);
  before.push([citation.citationID, index]);
  for (const [, text, citationID] of rendered) citations[cited.get(citationID)] = text;
});
const [, entries] = engine.makeBibliography();
process.stdout.write(JSON.stringify({ bibliography: entries.map((e) => e.trim()), citations }));
