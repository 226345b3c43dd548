// A module resolve hook for packages whose ES build imports a directory
// ('./parser') or leaves out '.js', which node's ESM resolver does not allow.
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (error.code !== 'ERR_UNSUPPORTED_DIR_IMPORT' && error.code !== 'ERR_MODULE_NOT_FOUND') throw error;
    for (const tail of ['/index.js', '.js']) {
      try {
        return await next(specifier + tail, context);
      } catch {
        // try the next form
      }
    }
    throw error;
  }
}
