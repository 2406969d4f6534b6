// Test aid, not part of the build: writes the response of each filter bank of dlib's frontal face detector
// to level 0 of one image's fHOG pyramid (what scan_fhog_pyramid thresholds), for bit-exact comparison with
// the Java port's separable filtering. Built like the peer dlib_hog:
//   g++ -O3 -march=native -std=c++17 -o /tmp/dump_saliency dump_saliency.cpp $(pkg-config --cflags --libs dlib-1)
//   /tmp/dump_saliency IMAGE.png OUTDIR
// OUTDIR/saliencyK.bin for each bank K: int32 rows, cols; then float32 row-major.
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_io.h>
#include <fstream>

using namespace dlib;

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    array2d<rgb_pixel> img;
    load_image(img, argv[1]);
    std::string dir = argv[2];
    frontal_face_detector det = get_frontal_face_detector();
    const auto& scanner = det.get_scanner();
    for (unsigned long k = 0; k < det.num_detectors(); ++k) {
        const auto& fb = det.get_processed_w(k).fb;  // the terms the detector itself filters with
        // the features as the scanner makes them: padded for this filter size
        dlib::array<array2d<float>> hog;
        extract_fhog_features(img, hog, scanner.get_cell_size(), fb.filters[0].nr(), fb.filters[0].nc());
        array2d<float> saliency;
        impl::apply_filters_to_fhog(fb, hog, saliency);
        std::ofstream o(dir + "/saliency" + std::to_string(k) + ".bin", std::ios::binary);
        int32_t r = saliency.nr(), c = saliency.nc();
        o.write((char*)&r, 4); o.write((char*)&c, 4);
        for (long y = 0; y < saliency.nr(); ++y) o.write((const char*)&saliency[y][0], 4 * saliency.nc());
    }
    return 0;
}
