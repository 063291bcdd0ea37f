import * as Y from 'yjs';
const d = new Y.Doc(); const t = d.getText('t'); t.insert(0,'hello');
const ups: Uint8Array[] = []; d.on('update', (u: Uint8Array) => ups.push(u));
for (let i=0;i<100000;i++) t.insert(t.length, 'abcdefgh');
let s = performance.now(); let n=0;
for (const u of ups) { const m = Y.parseUpdateMeta(u); for (const [c,to] of m.to) n += to - (m.from.get(c) ?? 0); }
console.log('parseUpdateMeta us', (performance.now()-s)*1000/ups.length, n, ups[5]!.length);
s = performance.now();
for (const u of ups) { Y.decodeUpdate(u); }
console.log('decodeUpdate us', (performance.now()-s)*1000/ups.length);
