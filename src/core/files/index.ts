export { fileError, isFileFailure } from './fileError.js';
export { openAtomicWriter, writeFileAtomic, writeFileAtomicSync, type AtomicWriter } from './writeFileAtomic.js';
export { checkWritableDir } from './checkWritableDir.js';
export { isZipFile, listZipEntries, readZipEntry, writeZipStream } from './zipFile.js';
