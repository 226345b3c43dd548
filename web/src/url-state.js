// A page's choices in the URL query, so a view can be shared and restored.
// Only the listed keys are read and written, and workshop mode (workshop=1) is kept whatever the page
// writes; history gets no entry per tweak.

/** @param {string[]} keys */
export function urlState(keys) {
  return {
    read(search = location.search) {
      const params = new URLSearchParams(search);
      const state = {};
      for (const key of keys) if (params.has(key)) state[key] = params.get(key);
      return state;
    },
    write(state) {
      const params = new URLSearchParams();
      if (new URLSearchParams(location.search).get('workshop') === '1') params.set('workshop', '1');
      for (const key of keys) {
        const value = state[key];
        if (value != null && value !== '') params.set(key, String(value));
      }
      const url = `${location.pathname}?${params}${location.hash}`;
      if (url !== `${location.pathname}${location.search}${location.hash}`) history.replaceState(null, '', url);
    },
  };
}
