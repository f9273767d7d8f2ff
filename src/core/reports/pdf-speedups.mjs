// Faster equivalents of two pdfmake/pdfkit internals that dominate long reports (the 120-book record
// book batch: ~700 pages). Both compute exactly what the originals compute (the PDFs are identical),
// only without the per-call allocations: plain JavaScript so it runs in the render worker as is.
//
// 1. Style lookups. pdfmake asks its style stack some twenty properties for every word it measures
//    (font, bold, fontSize, color, decoration, sup, ...; most are set nowhere, so each walks the
//    whole stack to the default style). Each lookup allocated a closure, a Set per named style on the
//    stack and another closure for the push/pop around it: a third of the layout time, and much of
//    the garbage collection. The lookups below walk the same stack in the same order and resolve
//    `extends` the same way (a Set only when a style extends another).
// 2. Content streams. pdfkit turns every drawing operator of a page into its own small Buffer
//    (`Buffer.from(op + '\n', 'binary')`) and keeps them until the page's stream ends, which for
//    pdfmake (it buffers pages) is the end of the document: 4.7 million Buffers for a 700-page
//    batch, all surviving into the old generation. Here each stream writes its operators (the
//    same latin1 bytes) into one growing Buffer, handed over before a binary chunk or at the end.
// SMMS_PDF_SPEEDUPS=off leaves pdfmake and pdfkit as they are (the test that compares the bytes of
// both renders uses it; so can anyone who suspects these of a difference in a PDF).
import { createRequire } from 'node:module';

const isValue = (v) => v !== undefined && v !== null;
const isString = (v) => typeof v === 'string' || v instanceof String;

function namedStyleValue(dictionary, name, property, visited) {
  const style = dictionary[name];
  if (!style) return undefined;
  if (isValue(style[property])) return style[property];
  if (!style.extends) return undefined;
  // The original marks a style visited before reading it: a cycle of `extends` ends at its start.
  const seen = visited ?? new Set([name]);
  const parents = Array.isArray(style.extends) ? style.extends : [style.extends];
  for (let i = parents.length - 1; i >= 0; i--) {
    if (seen.has(parents[i])) continue;
    seen.add(parents[i]);
    const value = namedStyleValue(dictionary, parents[i], property, seen);
    if (isValue(value)) return value;
  }
  return undefined;
}

/** The stack's value of `property`, walked as pdfmake's getProperty walks it. */
function walkStack(stack, property) {
  const overrides = stack.styleOverrides;
  if (overrides) {
    for (let i = overrides.length - 1; i >= 0; i--) {
      const item = overrides[i];
      if (isString(item)) {
        const value = namedStyleValue(stack.styleDictionary, item, property, undefined);
        if (isValue(value)) return value;
      } else if (isValue(item[property])) return item[property];
    }
  }
  return stack.defaultStyle && stack.defaultStyle[property];
}

const memo = Symbol('styleMemo');

function patchStyleStack(StyleContextStack) {
  const { push, pop } = StyleContextStack.prototype;
  // The stack's answers are kept until it changes: every change goes through push and pop (clone
  // makes a new stack). pdfmake writes a style property onto a node on the stack only with the
  // value the stack gave it at that moment (a table cell's fillColor, an SVG's font), which leaves
  // every answer as it was.
  StyleContextStack.prototype.push = function (styleNameOrOverride) {
    this[memo] = undefined;
    return push.call(this, styleNameOrOverride);
  };
  StyleContextStack.prototype.pop = function (howMany) {
    this[memo] = undefined;
    return pop.call(this, howMany);
  };
  StyleContextStack.prototype.getProperty = function getProperty(property) {
    const known = (this[memo] ??= new Map());
    if (known.has(property)) return known.get(property);
    const value = walkStack(this, property);
    known.set(property, value);
    return value;
  };
  // As pdfmake's: the item's own value, else the stack with the item's named styles and then the
  // item itself pushed on top, which is those named styles (last first) over the stack's answer.
  // Nothing is pushed, so the stack's answers stay valid from one word of a text to the next.
  StyleContextStack.getStyleProperty = function getStyleProperty(item, stack, property, defaultValue) {
    if (isValue(item[property])) return item[property];
    if (!stack) return defaultValue;
    let value;
    if (!isString(item) && item.section === undefined && item.style) {
      const names = Array.isArray(item.style) ? item.style : [item.style];
      for (let i = names.length - 1; i >= 0 && !isValue(value); i--) {
        const entry = names[i];
        value = isString(entry)
          ? namedStyleValue(stack.styleDictionary, entry, property, undefined)
          : entry[property];
      }
    }
    if (!isValue(value)) value = stack.getProperty(property);
    return isValue(value) ? value : defaultValue;
  };
}

const pendingOps = Symbol('pendingOps');

/** Copies the text gathered so far into the stream's bytes, one byte per char (latin1). */
function spill(ops) {
  const text = ops.text;
  ops.text = '';
  if (ops.length + text.length > ops.bytes.length) {
    const grown = Buffer.allocUnsafe(Math.max(2 * ops.bytes.length, ops.length + text.length));
    ops.bytes.copy(grown, 0, 0, ops.length);
    ops.bytes = grown;
  }
  ops.length += ops.bytes.write(text, ops.length, 'latin1');
}

/** Moves the operators written as text so far into the stream's chunks. */
function flushOps(ref) {
  const ops = ref[pendingOps];
  if (!ops) return;
  ref[pendingOps] = undefined;
  spill(ops);
  ref.buffer.push(ops.bytes.subarray(0, ops.length));
}

// Operators are gathered as text (short-lived strings) and copied into the Buffer some 8 KB at a
// time: one copy per few hundred operators instead of one per operator.
function appendOp(ref, op) {
  let ops = ref[pendingOps];
  if (!ops) ops = ref[pendingOps] = { bytes: Buffer.allocUnsafe(16384), length: 0, text: '' };
  ops.text += op;
  if (ops.text.length >= 8192) spill(ops);
}

function patchReference(PDFReference) {
  const write = PDFReference.prototype.write;
  const finalize = PDFReference.prototype.finalize;
  PDFReference.prototype.write = function (chunk) {
    if (chunk instanceof Uint8Array) {
      flushOps(this);
      return write.call(this, chunk);
    }
    // As the original: the text plus a newline, one byte per char ('binary'), counted in Length.
    const op = `${chunk}\n`;
    appendOp(this, op);
    this.uncompressedLength += op.length;
    if (this.data.Length == null) this.data.Length = 0;
    this.data.Length += op.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  PDFReference.prototype.finalize = function () {
    flushOps(this);
    return finalize.call(this);
  };
}

let applied = false;

/**
 * The versions whose internals these replacements were written against and checked byte for byte
 * (tests/reports/pdf-speedups.test.ts). Any other version renders with its own code, unpatched: an
 * upgrade may be slower, never different.
 */
export const PATCHED_VERSIONS = { pdfmake: '0.3.11', pdfkit: '0.19.1' };

function versionOf(fromPdfmake, name) {
  try {
    return fromPdfmake(`${name}/package.json`).version;
  } catch {
    return null;
  }
}

/** Whether the pdfmake (and its pdfkit) that `pdfmakeEntry` resolves to are the patched versions. */
export function speedupsApply(pdfmakeEntry) {
  const fromPdfmake = createRequire(pdfmakeEntry);
  return (
    versionOf(fromPdfmake, 'pdfmake') === PATCHED_VERSIONS.pdfmake &&
    versionOf(fromPdfmake, 'pdfkit') === PATCHED_VERSIONS.pdfkit
  );
}

/** Installs both, once per thread, on the pdfmake and pdfkit that `pdfmakeEntry` resolves to. */
export function applyPdfSpeedups(pdfmakeEntry) {
  if (applied || process.env.SMMS_PDF_SPEEDUPS === 'off' || !speedupsApply(pdfmakeEntry)) return;
  const fromPdfmake = createRequire(pdfmakeEntry);
  patchStyleStack(fromPdfmake('./StyleContextStack').default);
  // pdfkit does not export its reference class: take it from a reference made on a stand-in
  // document (ref() reads only these fields), not from a real document whose object ids it would use.
  const PDFDocument = fromPdfmake('pdfkit');
  const ref = PDFDocument.prototype.ref.call({ _offsets: [], _waiting: 0, compress: false }, {});
  patchReference(Object.getPrototypeOf(ref).constructor);
  applied = true;
}
