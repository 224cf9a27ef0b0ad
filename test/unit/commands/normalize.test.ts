import { normalizeMessage } from '../../../src/commands/normalize';

describe('normalizeMessage()', () => {
  it.each([
    ['removes the bot mention Teams puts in the text', '<at>DigiOffice Tasks</at> finish task 42', 'finish task 42'],
    ['removes mentions with attributes, anywhere', 'finish <at id="0">Bot</at>task 42', 'finish  task 42'],
    [
      'leaves a typed "@name" alone: only <at> elements are mentions',
      '@DigiOffice Tasks finish task 42',
      '@DigiOffice Tasks finish task 42',
    ],
    ['unwraps paragraphs into lines', '<p>finish task 42 Approve</p><p>Looks good</p>', 'finish task 42 Approve\n\nLooks good'],
    ['turns <br> into a line break', 'finish task 42<br/>Looks good', 'finish task 42\nLooks good'],
    ['drops inline tags without adding spaces', '<b>fin</b>ish <span class="x">task</span> 42', 'finish task 42'],
    ['decodes &nbsp; into a plain space', 'finish&nbsp;task&nbsp;42', 'finish task 42'],
    [
      'decodes entities after removing tags, so escaped text stays text',
      'a &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39; &#x41;',
      'a <b> & "c" \'d\' A',
    ],
    ['keeps unknown and impossible entities as typed', '&copy; &#9999999;', '&copy; &#9999999;'],
    ['makes non-breaking and narrow spaces plain and drops zero-width characters', 'finish\u00A0task\u202F4\u200B2', 'finish task 42'],
    ['normalizes Windows line ends', 'a\r\nb\rc', 'a\nb\nc'],
    ['keeps case and inner spacing, trims the ends', '  Finish  Task 42 \n ', 'Finish  Task 42'],
    ['leaves a lone "<" that is no tag', 'a < b and c > d', 'a < b and c > d'],
    ['is empty for a message that is only a mention', '<at>DigiOffice Tasks</at>&nbsp;', ''],
  ])('%s', (_name, input, expected) => {
    expect(normalizeMessage(input)).toBe(expected);
  });
});
