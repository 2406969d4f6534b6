// Test aid, not part of the build: prints dlib's processed filter banks (the separable rank-1 terms
// that build_fhog_filterbank makes by SVD) so the Java port can be compared term by term. Each
// (col, row) pair is sign-normalised (first non-zero col entry positive), as SVD signs are arbitrary.
//   g++ -O2 -o /tmp/dump_fb dump_filterbank.cpp $(pkg-config --cflags --libs dlib-1)
#include <dlib/image_processing/frontal_face_detector.h>
#include <cstdio>

int main() {
    dlib::frontal_face_detector det = dlib::get_frontal_face_detector();
    const auto& sc = det.get_scanner();
    std::printf("cell %lu padding %lu window %lux%lu levels %lu minlayer %lux%lu\n", sc.get_cell_size(),
                sc.get_padding(), sc.get_detection_window_width(), sc.get_detection_window_height(),
                sc.get_max_pyramid_levels(), sc.get_min_pyramid_layer_width(), sc.get_min_pyramid_layer_height());
    for (unsigned long d = 0; d < det.num_detectors(); ++d) {
        const auto& fb = det.get_processed_w(d).fb;
        std::printf("detector %lu thresh %.17g terms %lu\n", d, det.get_processed_w(d).w(sc.get_num_dimensions()),
                    fb.num_separable_filters());
        for (unsigned long p = 0; p < fb.row_filters.size(); ++p) {
            for (unsigned long j = 0; j < fb.row_filters[p].size(); ++j) {
                dlib::matrix<float, 0, 1> c = fb.col_filters[p][j], r = fb.row_filters[p][j];
                long k = 0;
                while (k < c.size() && c(k) == 0) ++k;
                if (k < c.size() && c(k) < 0) { c = -c; r = -r; }
                std::printf("%lu %lu %lu", d, p, j);
                for (long i = 0; i < c.size(); ++i) std::printf(" %a", c(i));
                for (long i = 0; i < r.size(); ++i) std::printf(" %a", r(i));
                std::printf("\n");
            }
        }
    }
    return 0;
}
