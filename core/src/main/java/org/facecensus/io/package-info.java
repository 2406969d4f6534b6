/**
 * File output helpers shared by every module: {@link org.facecensus.io.AtomicFiles} writes a file
 * so that readers never see it half written.
 */
package org.facecensus.io;
