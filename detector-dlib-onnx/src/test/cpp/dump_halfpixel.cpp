// Test aid, not part of the build: the dlib peer's --scale pre-resize (resize_bilinear_halfpixel,
// copied from ../shared/peers/dlib_hog.cpp), built with the peer's flags, writing the working image
// (int32 width, height, raw RGB) for bit-exact comparison with HalfPixelResize.
//   g++ -O3 -march=native -std=c++17 -o /tmp/dump_halfpixel dump_halfpixel.cpp $(pkg-config --cflags --libs dlib-1)
//   /tmp/dump_halfpixel IMAGE.png OUT.rgb 2.5
#include <dlib/image_io.h>
#include <dlib/image_transforms.h>
#include <fstream>
using namespace dlib;
void resize_bilinear_halfpixel(const array2d<rgb_pixel>& in, array2d<rgb_pixel>& out, long ow, long oh) {
    out.set_size(oh, ow);
    const long iw = in.nc(), ih = in.nr();
    const double sx = (double)iw / ow, sy = (double)ih / oh;
    std::vector<long> x0(ow), x1(ow);
    std::vector<float> fx(ow);
    for (long x = 0; x < ow; ++x) {
        double s = (x + 0.5) * sx - 0.5;
        if (s < 0) s = 0;
        long a = (long)std::floor(s);
        if (a > iw - 1) a = iw - 1;
        x0[x] = a; x1[x] = std::min(a + 1, iw - 1); fx[x] = (float)(s - a);
    }
    for (long y = 0; y < oh; ++y) {
        double s = (y + 0.5) * sy - 0.5;
        if (s < 0) s = 0;
        long a = (long)std::floor(s);
        if (a > ih - 1) a = ih - 1;
        long b = std::min(a + 1, ih - 1);
        float fy = (float)(s - a);
        for (long x = 0; x < ow; ++x) {
            const rgb_pixel &p00 = in[a][x0[x]], &p01 = in[a][x1[x]], &p10 = in[b][x0[x]], &p11 = in[b][x1[x]];
            float w00 = (1 - fx[x]) * (1 - fy), w01 = fx[x] * (1 - fy), w10 = (1 - fx[x]) * fy, w11 = fx[x] * fy;
            auto mix = [&](unsigned char c00, unsigned char c01, unsigned char c10, unsigned char c11) {
                float v = w00 * c00 + w01 * c01 + w10 * c10 + w11 * c11;
                return (unsigned char)std::min(255.0f, std::max(0.0f, std::floor(v + 0.5f)));
            };
            out[y][x] = rgb_pixel(mix(p00.red, p01.red, p10.red, p11.red),
                                  mix(p00.green, p01.green, p10.green, p11.green),
                                  mix(p00.blue, p01.blue, p10.blue, p11.blue));
        }
    }
}
int main(int argc, char** argv) {
    array2d<rgb_pixel> img, work; load_image(img, argv[1]);
    double sc = atof(argv[3]);
    long ow = (long)std::floor(img.nc() * sc + 0.5), oh = (long)std::floor(img.nr() * sc + 0.5);
    resize_bilinear_halfpixel(img, work, ow, oh);
    std::ofstream o(argv[2], std::ios::binary); int32_t w = work.nc(), h = work.nr();
    o.write((char*)&w, 4); o.write((char*)&h, 4);
    for (long r = 0; r < work.nr(); ++r) for (long c = 0; c < work.nc(); ++c) o.write((const char*)&work[r][c], 3);
}
