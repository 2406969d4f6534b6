/** Implementation parts of the HTTP client; not API, may change without notice. */
package org.facecensus.http.internal;
