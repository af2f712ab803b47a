// Reads citations with Citation.js, the way it reads a file it is given: RIS, BibTeX or
// BibLaTeX (told by the first argument: ris, bibtex or biblatex) or CSL-JSON (csl), from
// standard input. Prints the CSL-JSON items it makes of them.
'use strict';
const fs = require('fs');
const { Cite } = require('@citation-js/core');
require('@citation-js/plugin-ris');
require('@citation-js/plugin-bibtex');
require('@citation-js/plugin-csl');

const types = { ris: '@ris/file', bibtex: '@bibtex/text', biblatex: '@biblatex/text', csl: '@csl/list+object' };
const format = process.argv[2];
const text = fs.readFileSync(0, 'utf8');
const input = format === 'csl' ? JSON.parse(text) : text;
const cite = new Cite(input, { forceType: types[format] });
process.stdout.write(JSON.stringify(cite.data));
