// Test aid, not part of the build: writes what dlib computes at each step of the HOG detector on one
// image, for bit-exact comparison with the Java port. Built like the peer dlib_hog:
//   g++ -O3 -march=native -std=c++17 -o /tmp/dump_fhog dump_fhog.cpp $(pkg-config --cflags --libs dlib-1)
//   /tmp/dump_fhog IMAGE.png OUTDIR
// OUTDIR/fhog0.bin: level-0 features (int32 planes, rows, cols; then float32 row-major planes),
// OUTDIR/down1.rgb: pyramid_down<6> of the image, OUTDIR/up1.rgb: pyramid_up (pyramid_down<2>),
// each raw RGB preceded by int32 width, height.
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_io.h>
#include <fstream>

using namespace dlib;

static void write_rgb(const std::string& f, const array2d<rgb_pixel>& img) {
    std::ofstream o(f, std::ios::binary);
    int32_t w = img.nc(), h = img.nr();
    o.write((char*)&w, 4); o.write((char*)&h, 4);
    for (long r = 0; r < img.nr(); ++r) for (long c = 0; c < img.nc(); ++c) o.write((const char*)&img[r][c], 3);
}

int main(int argc, char** argv) {
    if (argc != 3) return 2;
    array2d<rgb_pixel> img;
    load_image(img, argv[1]);
    std::string dir = argv[2];
    dlib::array<array2d<float>> hog;
    extract_fhog_features(img, hog, 8, 10, 10);
    {
        std::ofstream o(dir + "/fhog0.bin", std::ios::binary);
        int32_t p = hog.size(), r = hog[0].nr(), c = hog[0].nc();
        o.write((char*)&p, 4); o.write((char*)&r, 4); o.write((char*)&c, 4);
        for (unsigned long i = 0; i < hog.size(); ++i)
            for (long y = 0; y < hog[i].nr(); ++y) o.write((const char*)&hog[i][y][0], 4 * hog[i].nc());
    }
    array2d<rgb_pixel> down, up;
    pyramid_down<6> pyr6;
    pyr6(img, down);
    write_rgb(dir + "/down1.rgb", down);
    pyramid_down<2> pyr2;
    pyramid_up(img, up, pyr2);
    write_rgb(dir + "/up1.rgb", up);
    return 0;
}
